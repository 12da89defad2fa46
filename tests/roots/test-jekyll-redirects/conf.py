extensions = ["sphinx_labnews"]
project = "Test Lab"
html_baseurl = "https://lab.example.org/"
html_theme = "pydata_sphinx_theme"
html_sidebars = {"**": []}
