"""Extraits de configuration des serveurs, écrits dans le site construit à partir de la politique
CSP calculée : nginx, Apache et fichier _headers (Netlify, Cloudflare Pages).

Chacun pose les mêmes en-têtes de sécurité, déclare les types MIME de .mjs et .wasm et sert les
variantes .br et .gz écrites par guide.publication.compression. Fonctions pures qui renvoient du texte.
"""

from __future__ import annotations

__all__ = ["TYPES_MIME", "apache", "en_tetes", "en_tetes_statiques", "nginx"]

# Type MIME servi pour chaque extension pré-compressée (Apache doit le forcer sur fichier.ext.br).
TYPES_MIME: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "js": "text/javascript",
    "mjs": "text/javascript",
    "css": "text/css",
    "json": "application/json",
    "map": "application/json",
    "wasm": "application/wasm",
    "zip": "application/zip",
    "svg": "image/svg+xml",
    "xml": "application/xml",
    "txt": "text/plain; charset=utf-8",
}

_AVERTISSEMENT = "Généré à la construction du site (guide/publication/hebergement.py) : ne pas modifier à la main."


def en_tetes(politique: str) -> list[tuple[str, str]]:
    """En-têtes de sécurité à envoyer avec chaque réponse."""
    return [
        ("Content-Security-Policy", politique),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ]


def nginx(politique: str) -> str:
    """Extrait à inclure dans le bloc server { } qui sert le dossier du site."""
    lignes = [
        f"# Guide CPOM — extrait nginx pour le bloc server {{ }} du site. {_AVERTISSEMENT}",
        "# Attention : un add_header dans un bloc location annule ceux du niveau server.",
        "",
        "# Types MIME : ceux de nginx, plus .mjs (modules JavaScript de Pyodide). .wasm doit être servi",
        "# en application/wasm : c'est le cas avec le mime.types de nginx 1.22 (Debian 12) ; sinon",
        "# (nginx -T | grep wasm ne trouve rien) ajouter « application/wasm wasm; » au bloc types.",
        "include /etc/nginx/mime.types;",
        "types {",
        "    text/javascript mjs;",
        "}",
        "charset utf-8;",
        "",
        "# Fichiers pré-compressés écrits à la construction (fichier.gz, fichier.br).",
        "gzip_static on;",
        "gzip_vary on;",
        "# brotli_static : module ngx_brotli (Debian : paquet libnginx-mod-http-brotli-static).",
        "# Sans ce module, supprimer la ligne suivante (gzip_static suffit).",
        "brotli_static on;",
        "",
        "error_page 404 /404.html;",
        "",
    ]
    lignes += [f'add_header {nom} "{valeur}" always;' for nom, valeur in en_tetes(politique)]
    return "\n".join(lignes) + "\n"


def apache(politique: str) -> str:
    """Fichier .htaccess à la racine du site (ou contenu d'un bloc <Directory>).

    Demande mod_headers, mod_mime et mod_rewrite, et AllowOverride FileInfo si c'est un .htaccess.
    """
    extensions = "|".join(sorted(TYPES_MIME))
    lignes = [
        f"# Guide CPOM — configuration Apache (.htaccess). {_AVERTISSEMENT}",
        "# Copier à la racine du site sous le nom .htaccess (AllowOverride FileInfo requis),",
        "# ou placer ces lignes dans le bloc <Directory> du site.",
        "",
        "<IfModule mod_mime.c>",
        "    AddType text/javascript .mjs",
        "    AddType application/wasm .wasm",
        "</IfModule>",
        "",
        "<IfModule mod_headers.c>",
    ]
    lignes += [f'    Header always set {nom} "{valeur}"' for nom, valeur in en_tetes(politique)]
    lignes += [
        "</IfModule>",
        "",
        "ErrorDocument 404 /404.html",
        "",
        "# Fichiers pré-compressés écrits à la construction : fichier.br, sinon fichier.gz.",
        "<IfModule mod_rewrite.c>",
        "<IfModule mod_headers.c>",
        "    RewriteEngine On",
        '    RewriteCond "%{HTTP:Accept-Encoding}" "br"',
        '    RewriteCond "%{REQUEST_FILENAME}.br" -f',
        f'    RewriteRule "^(.*)\\.({extensions})$" "$1.$2.br" [L]',
        '    RewriteCond "%{HTTP:Accept-Encoding}" "gzip"',
        '    RewriteCond "%{REQUEST_FILENAME}.gz" -f',
        f'    RewriteRule "^(.*)\\.({extensions})$" "$1.$2.gz" [L]',
        "",
        "    # Type du fichier d'origine ; pas de seconde compression par mod_deflate.",
    ]
    for extension, type_mime in sorted(TYPES_MIME.items()):
        lignes.append(
            f'    RewriteRule "\\.{extension}\\.(br|gz)$" "-" [T={type_mime.split(";")[0]},E=no-gzip:1,E=no-brotli:1]'
        )
    lignes += [
        f'    <FilesMatch "\\.({extensions})\\.br$">',
        "        Header set Content-Encoding br",
        "        Header append Vary Accept-Encoding",
        "    </FilesMatch>",
        f'    <FilesMatch "\\.({extensions})\\.gz$">',
        "        Header set Content-Encoding gzip",
        "        Header append Vary Accept-Encoding",
        "    </FilesMatch>",
        "</IfModule>",
        "</IfModule>",
    ]
    return "\n".join(lignes) + "\n"


def en_tetes_statiques(politique: str) -> str:
    """Fichier _headers à la racine du site (Netlify, Cloudflare Pages)."""
    lignes = [f"# Guide CPOM — en-têtes HTTP. {_AVERTISSEMENT}", "/*"]
    lignes += [f"  {nom}: {valeur}" for nom, valeur in en_tetes(politique)]
    return "\n".join(lignes) + "\n"
