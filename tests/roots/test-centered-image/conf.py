extensions = ["sphinx_labnews"]
project = "Image Lab"
html_baseurl = "https://lab.example.org/"
