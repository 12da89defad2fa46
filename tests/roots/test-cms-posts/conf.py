extensions = ["sphinx_labnews"]
project = "CMS Lab"
html_baseurl = "https://lab.example.org/"
labnews_about_blocks = {"smart-lab": "_about/smart-lab.md", "hkust": "_about/hkust.md"}
labnews_default_about = ["smart-lab", "hkust"]
labnews_cms = True
labnews_cms_backend = {
    "name": "github",
    "repo": "lab/news",
    "branch": "main",
    "base_url": "https://api.netlify.com",
    "auth_endpoint": "auth",
}
labnews_cms_repo_root = "."
labnews_cms_media_url = "/static/img/news/"

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
