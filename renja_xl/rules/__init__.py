"""Validation rules: small, named, documented units grouped by family (see ``families``)."""

from .base import REGISTRY, Finding, Location, Rule, Severity, all_rules, register
from .config import CheckConfig, find_config, read_config
from .engine import run_checks

__all__ = ["REGISTRY", "CheckConfig", "Finding", "Location", "Rule", "Severity", "all_rules", "find_config",
           "read_config", "register", "run_checks"]
