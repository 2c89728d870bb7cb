"""The built-in rule pack. One family per folder, one rule per module; each family's
load() imports its rules only when the family is selected."""
