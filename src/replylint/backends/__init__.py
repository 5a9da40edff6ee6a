"""Optional checkers outside replylint (LanguageTool), used only when configured."""
