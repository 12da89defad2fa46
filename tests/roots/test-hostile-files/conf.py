extensions = ["sphinx_labnews"]
project = "Hostile file reads"
html_baseurl = "https://lab.example.org/"
