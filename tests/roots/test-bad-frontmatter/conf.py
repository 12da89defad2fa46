extensions = ["sphinx_labnews"]
project = "Broken Lab"
html_baseurl = "https://lab.example.org/"
