"""Pages of training: the catalogue and courses, sessions and their management, learners, the calendar."""
