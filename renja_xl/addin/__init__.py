"""Building the Excel add-in and macro-enabled templates (``renja-xl addin``).

The VBA sources in ``macros/`` go into a VBA project (``vbaProject.bin``): ``ovba``
compresses module source as [MS-OVBA] 2.4.1 describes, ``vbaproject`` edits the records
of a project, ``cfb`` writes the compound file ([MS-CFB]) that holds it, ``build`` puts
it with the ribbon into xlwings' ribbon add-in skeleton and into the templates.
"""
