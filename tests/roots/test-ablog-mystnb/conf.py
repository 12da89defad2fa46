# An ablog site whose Markdown is read by myst-nb (notebooks and MyST pages alike).
extensions = ["myst_nb", "ablog"]
project = "Notebook blog"
html_theme = "alabaster"
html_baseurl = "https://nb.example.org/"
blog_baseurl = "https://nb.example.org/"
blog_feed_archives = True
nb_execution_mode = "off"
exclude_patterns = ["_build", "jupyter_execute"]
