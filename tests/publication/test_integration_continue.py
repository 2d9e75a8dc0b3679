"""Chaînes de publication (GitLab Pages, GitHub Pages) : elles lancent les commandes du README et ne
déploient que sur la branche par défaut, après des tests réussis."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

RACINE = Path(__file__).resolve().parents[2]
TESTS = "bash scripts/tester.sh"
CONSTRUCTION = "mkdocs build --strict"


def _charger(relatif: str) -> dict:
    return yaml.safe_load((RACINE / relatif).read_text(encoding="utf-8"))


def _lignes(commandes) -> list[str]:
    """Lignes de commande d'une liste de script GitLab ou d'un run: GitHub (multiligne)."""
    if isinstance(commandes, str):
        commandes = [commandes]
    return [ligne.strip() for bloc in commandes for ligne in bloc.splitlines() if ligne.strip()]


def test_commandes_du_readme():
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    assert TESTS in readme and CONSTRUCTION in readme


@pytest.fixture(scope="module")
def gitlab() -> dict:
    return _charger(".gitlab-ci.yml")


def test_gitlab_tests_puis_pages(gitlab):
    assert gitlab["stages"] == ["test", "deploy"]
    tests = gitlab["tests"]
    assert tests["stage"] == "test" and TESTS in _lignes(tests["script"])
    pages = gitlab["pages"]
    assert pages["stage"] == "deploy" and pages["needs"] == ["tests"]
    assert any(CONSTRUCTION in ligne and ligne.endswith("-d public") for ligne in _lignes(pages["script"]))
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def test_gitlab_image_debian_node_20_python_de_l_installeur(gitlab):
    """Pas d'environnement Python préparé par la CI : l'installeur du README fait le sien (.venv/)."""
    assert gitlab["image"] == "node:20-bookworm"
    assert "default" not in gitlab
    assert _lignes(gitlab["pages"]["script"])[0] == "bash scripts/installer.sh"
    assert all(l.startswith(("bash scripts/", ".venv/bin/python ", "export ")) or ".venv/bin/python -m" in l
               for l in _lignes(gitlab["pages"]["script"]))


@pytest.fixture(scope="module")
def github() -> dict:
    return _charger(".github/workflows/pages.yml")


def _etapes(job: dict) -> tuple[list[str], list[str]]:
    """(commandes run:, actions uses:) d'un job GitHub."""
    commandes = [l for etape in job.get("steps", []) if "run" in etape for l in _lignes(etape["run"])]
    actions = [etape["uses"].split("@")[0] for etape in job.get("steps", []) if "uses" in etape]
    return commandes, actions


def test_github_tests_construction_deploiement(github):
    jobs = github["jobs"]
    assert list(jobs) == ["tests", "construction", "deploiement"]
    commandes, _ = _etapes(jobs["tests"])
    assert TESTS in commandes
    assert jobs["construction"]["needs"] == "tests" and jobs["deploiement"]["needs"] == "construction"
    commandes, actions = _etapes(jobs["construction"])
    assert any(CONSTRUCTION in c for c in commandes)
    assert actions[-1] == "actions/upload-pages-artifact"
    assert _etapes(jobs["deploiement"])[1] == ["actions/deploy-pages"]
    assert jobs["deploiement"]["permissions"] == {"pages": "write", "id-token": "write"}
    for nom in ("construction", "deploiement"):
        assert jobs[nom]["if"] == "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"


def test_github_memes_outils_que_gitlab(github):
    declencheurs = github.get("on", github.get(True))  # YAML 1.1 : la clé « on » se lit True
    assert "push" in declencheurs
    for nom in ("tests", "construction"):
        assert github["jobs"][nom]["container"] == "node:20-bookworm"
        commandes, _ = _etapes(github["jobs"][nom])
        assert not any("python3 -m venv" in c or c.startswith("python3 ") for c in commandes)
