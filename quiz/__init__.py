"""Media-literacy quizzes from YAML banks, with every answer backed by quotes proven in their sources."""
