extensions = ["sphinx_labnews"]
labnews_site_defaults = True
project = "Test Lab"
html_baseurl = "https://lab.example.org/"
html_theme = "pydata_sphinx_theme"
html_sidebars = {"**": []}
