// mkdocs-material's storage helpers, as its partials/javascripts/base.html writes them inline,
// loaded from this file so the site's Content-Security-Policy allows no inline script
// (template.yaml). The scope comes from the script element (site/overrides/partials/javascripts/base.html).
__md_scope=new URL(document.currentScript.getAttribute("data-md-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
