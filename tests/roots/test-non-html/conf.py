extensions = ["sphinx_labnews"]
labnews_site_defaults = True
project = "Plain Lab"
html_baseurl = "https://lab.example.org/"
labnews_about_blocks = {"lab": "_about/lab.md"}
labnews_default_about = ["lab"]
# the post itself is the LaTeX document: ablog's postlist cannot link to pages
# outside the LaTeX document tree
latex_documents = [("news/2025-02-01-both", "post.tex", "Post", "Lab", "howto")]
