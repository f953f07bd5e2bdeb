"""Checking many workbooks at once: a Bappeda's folder, a province's, on local cores or a Dask cluster.

An adapter at the edge, like :mod:`renja_xl.io`: the per-file work is the very function
``renja-xl check FILE`` runs (:func:`renja_xl.io.files.read_and_check`), wrapped so that
each file gives one small, picklable :class:`~renja_xl.batch.result.FileResult` and
nothing of the workbook (snapshot, tables) outlives its task.

* :mod:`.inputs`   the workbooks under folders, recursively, in a stable order;
* :mod:`.worker`   one file's task: read, check, summarise, write the checked copy;
* :mod:`.runner`   the tasks on a standard-library process pool, inline, or on a
  ``dask.distributed`` cluster, streamed back in input order with a bounded window;
* :mod:`.cache`    results kept by content hash, renja-xl version and settings;
* :mod:`.summary`  Perangkat Daerah, document, year, pagu totals, programs of one file;
* :mod:`.crossfile` checks across files (pagu against the ceiling per PD, one kode with
  several names);
* :mod:`.progress` the rich progress bar (a terminal only);
* :mod:`.rekap`    the consolidated rekap with pandas (xlsx with a native chart, csv, parquet).

pandas and dask are imported only by :mod:`.rekap` and the Dask backend, and only when
asked for (``pip install renja-xl[batch]``).
"""
