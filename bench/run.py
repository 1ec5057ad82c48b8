"""`make bench`: the portal's performance, measured on a large data set of its own.

Builds a separate database (PostgreSQL when reachable, else SQLite) with 5,000 articles,
50,000 FAQ entries, 20 topics and 50,000 enquiries, most of them assigned; times pages, search,
submissions and the admin listing in-process (query counts, median and p95); then serves the
site under gunicorn with 2 workers on loopback and loads it with wrk, in interleaved rounds,
comparing the cached and uncached article with a trivial view and the same page as a static
file. Prints a table and writes bench/results/latest.json.
"""

import datetime
import gzip
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from tests.servers import fresh_database_url, site_environment, start_gunicorn, stop  # noqa: E402

ARTICLES, FAQS, TOPICS, ENQUIRIES, COORDINATORS = 5_000, 50_000, 20, 50_000, 8
IN_PROCESS_RUNS, ROUNDS = 120, 6
WRK_SECONDS, WRK_ROUNDS, WRK_CONNECTIONS = 5, 3, 16
RESULTS = PROJECT_DIR / "bench" / "results"
CAR_T = "/articles/what-if-car-t-cell-therapy-fails/"
WORDS = [
    "relapse",
    "lymphoma",
    "myeloma",
    "visa",
    "flight",
    "infusion",
    "marrow",
    "antigen",
    "trial",
    "hospital",
]


def _base_database_url():
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    ready = subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], check=False).returncode == 0
    return "postgres://postgres@127.0.0.1:5432/portal" if ready else ""


def _environment(tmp_dir):
    os.environ["DATABASE_URL"] = _base_database_url()
    return site_environment(
        tmp_dir,
        fresh_database_url(tmp_dir, "bench"),
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_STATIC_ROOT=str(tmp_dir / "static"),
        ENQUIRY_MIN_FILL_SECONDS="0",
        ENQUIRY_RATE_LIMIT_PER_HOUR="1000000",
        DJANGO_LOG_LEVEL="WARNING",
    )


def build_data():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from wagtail.models import Locale

    from content.models import ArticleIndexPage, ArticlePage, FAQEntry, Topic
    from enquiries.models import ConsultationRequest, Enquiry

    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    coordinators = [
        get_user_model().objects.create_user(f"coordinator{n}", f"c{n}@example.org")
        for n in range(COORDINATORS)
    ]
    for n in range(Topic.objects.count(), TOPICS):
        Topic.objects.create(name=f"Topic {n}", slug=f"topic-{n}")
    topics = list(Topic.objects.all())
    locale = Locale.get_default()
    FAQEntry.objects.bulk_create(
        FAQEntry(
            question=f"Question {n} about {random.choice(WORDS)}?",
            answer=f"<p>Answer {n}.</p>",
            locale=locale,
        )
        for n in range(FAQS)
    )
    faq_ids = list(FAQEntry.objects.values_list("pk", flat=True))
    index = ArticleIndexPage.objects.get()
    now = timezone.now()
    tagging = []
    for n in range(ARTICLES):
        article = ArticlePage(
            title=f"Guide {n}: {random.choice(WORDS)} and {random.choice(WORDS)}",
            slug=f"guide-{n}",
            summary=f"What to know about {random.choice(WORDS)}.",
            body=[
                {"type": "paragraph", "value": f"<p>{' '.join(random.choices(WORDS, k=300))}</p>"},
                {
                    "type": "faq",
                    "value": {"heading": "FAQ", "questions": random.sample(faq_ids, 10)},
                },
            ],
            first_published_at=now - datetime.timedelta(minutes=n),
            last_published_at=now,
        )
        index.add_child(instance=article)
        tagging += [
            ArticlePage.topics.through(articlepage=article, topic=topic)
            for topic in random.sample(topics, 2)
        ]
    ArticlePage.topics.through.objects.bulk_create(tagging)
    enquiries = Enquiry.objects.bulk_create(
        Enquiry(
            reference=f"EQ-{n // 10000:04d}-{n % 10000:04d}",
            submission_token=uuid.uuid4(),
            kind=Enquiry.Kind.CONSULTATION,
            status=(status := random.choice(Enquiry.Status.values)),
            # As on a working site: an enquiry is assigned once someone picks it up.
            assignee=None if status == Enquiry.Status.NEW else random.choice(coordinators),
            full_name=f"Patient {n}",
            email=f"patient{n}@example.com",
            phone=f"+44207946{n:05d}",
            health_data_consent=True,
            privacy_notice_version="bench",
            received_at=now - datetime.timedelta(minutes=n),
        )
        for n in range(ENQUIRIES)
    )
    ConsultationRequest.objects.bulk_create(
        ConsultationRequest(
            enquiry=enquiry,
            submitted_by="patient",
            country_of_residence="NG",
            nationality="NG",
            age_or_birth_year=50,
            condition="Benchmark",
        )
        for enquiry in enquiries
    )
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum keeps them on a live site after bulk loading.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _timed(pages, runs):
    """Median and p95 of `runs` calls of each page's function, timed without recording queries.

    The pages take turns, a few calls each, so that the machine slowing down or speeding up
    meanwhile (other tenants on a virtual machine) affects them alike, and their multiples of
    the trivial view hold. Queries are counted in a separate call.
    """
    from django.db import connection

    statements = {name: [] for name in pages}
    for name, func in pages.items():
        func()  # warm

        def count(execute, sql, params, many, context, name=name):
            statements[name].append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            func()
    timings = {name: [] for name in pages}
    for _ in range(ROUNDS):
        for name, func in pages.items():
            for _ in range(runs // ROUNDS):
                start = time.perf_counter()
                func()
                timings[name].append((time.perf_counter() - start) * 1000)
    results = {}
    for name, times in timings.items():
        times.sort()
        results[name] = {
            "queries": len(statements[name]),
            "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        }
    return results


def in_process():
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    from tests.clients import StaffClient
    from tests.enquiries.helpers import consultation_data, pdf_file

    # An anonymous visitor whose page is not in the cache: the whole stack renders it.
    uncached = [name for name in settings.MIDDLEWARE if not name.endswith("PageCacheMiddleware")]
    reader = Client()

    def get(url):
        return lambda: reader.get(url)

    with override_settings(MIDDLEWARE=uncached):
        results = _timed(
            {
                "trivial view": get("/healthz/"),
                "article (CAR T)": get(CAR_T),
                "home": get("/"),
                "article index": get("/articles/"),
                "topic page": get("/articles/topics/car-t-cell-therapy/"),
                "search": lambda: reader.get("/search/", {"q": random.choice(WORDS)}),
            },
            IN_PROCESS_RUNS,
        )
    page = "/request-a-consultation/"
    # A visitor who only looks, beside a patient who submits and so gets a session.
    visitor, patient = Client(), Client()
    five_mb = 5 * 1024 * 1024
    # As in production: a submission queues its e-mails, and a worker sends them later.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        results |= _timed(
            {
                # Never cached: it carries the visitor's CSRF token.
                "request form": lambda: visitor.get(page),
                "submit, no files": lambda: patient.post(page, consultation_data()),
                "submit, 5 MB PDF": lambda: patient.post(
                    page, consultation_data(reports=[pdf_file(size=five_mb)])
                ),
            },
            30,
        )
    staff = StaffClient()
    staff.force_login(get_user_model().objects.create_superuser("bench", "b@example.org", "x"))
    if staff.get("/admin/enquiries/", {"status": "new"}).status_code != 200:
        sys.exit("The benchmark's staff account cannot open the enquiry listing.")
    results |= _timed(
        {"admin enquiries, filtered": lambda: staff.get("/admin/enquiries/", {"status": "new"})},
        24,
    )
    # Machines differ: each page's multiple of the trivial view compares runs across them.
    trivial = results["trivial view"]["median_ms"]
    for result in results.values():
        result["times_trivial"] = round(result["median_ms"] / trivial)
    return results


def _wrk(url, *headers):
    command = ["wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{WRK_SECONDS}s", "--latency"]
    for header in ("Connection: close", *headers):
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "errors": "Non-2xx" in output or "Socket errors" in output,
    }


def page_weight(html, static_root):
    """The article's HTML and stylesheet as a browser downloads them, gzip-compressed, in KB."""
    css = (static_root / "css" / "site.css").read_bytes()
    return {
        "html_kb": round(len(gzip.compress(html)) / 1024, 1),
        "css_kb": round(len(gzip.compress(css)) / 1024, 1),
        "javascript_kb": 0,
    }


def over_http(env, static_root):
    from django.test import Client

    html = Client().get(CAR_T).content
    (static_root / "bench").mkdir(parents=True, exist_ok=True)
    (static_root / "bench" / "article.html").write_bytes(html)
    process, base = start_gunicorn(env, workers=2)
    targets = {
        "trivial view": (f"{base}/healthz/",),
        "article, cached": (f"{base}{CAR_T}",),
        "article, uncached": (f"{base}{CAR_T}", "Cookie: sessionid=bench"),
        "article as static file": (f"{base}/static/bench/article.html",),
    }
    rounds = {name: [] for name in targets}
    try:
        for _ in range(WRK_ROUNDS):
            for name, args in targets.items():
                rounds[name].append(_wrk(*args))
    finally:
        stop(process)
    results = {}
    for name, runs in rounds.items():
        best = sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]
        results[name] = {**best, "rps_rounds": [run["rps"] for run in runs]}
    trivial = results["trivial view"]["rps"]
    for result in results.values():
        result["ratio_to_trivial"] = round(result["rps"] / trivial, 2)
    return results


def main():
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: apt-get install wrk")
    tmp_dir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = _environment(tmp_dir)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    started = time.perf_counter()
    build_data()
    print(f"Data built in {time.perf_counter() - started:.0f} s on {connection.vendor}.")
    report = {
        "machine": f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · {connection.vendor}",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "in_process": in_process(),
        "http": over_http(env, Path(env["DJANGO_STATIC_ROOT"])),
    }
    report["weight"] = page_weight(
        (Path(env["DJANGO_STATIC_ROOT"]) / "bench" / "article.html").read_bytes(),
        Path(env["DJANGO_STATIC_ROOT"]),
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2))
    print(f"\n{report['machine']}, {report['when']}\n")
    print(f"{'in-process':32} {'queries':>8} {'median ms':>10} {'p95 ms':>8} {'× trivial':>10}")
    for name, r in report["in_process"].items():
        print(
            f"{name:32} {r['queries']:>8} {r['median_ms']:>10} {r['p95_ms']:>8} "
            f"{r['times_trivial']:>10}"
        )
    print(f"\n{'gunicorn, 2 workers, wrk':32} {'req/s':>8} {'p50':>8} {'p99':>8} {'ratio':>6}")
    for name, r in report["http"].items():
        print(f"{name:32} {r['rps']:>8.0f} {r['p50']:>8} {r['p99']:>8} {r['ratio_to_trivial']:>6}")
    weight = report["weight"]
    print(f"\narticle page, gzip: HTML {weight['html_kb']} KB + CSS {weight['css_kb']} KB, no JS")
    shutil.rmtree(tmp_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
