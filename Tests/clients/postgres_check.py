"""The PostgreSQL wire protocol through Python's drivers: psycopg 3 and SQLAlchemy against `stackq serve --sandbox`.

Usage: python postgres_check.py PATH/TO/stackq
Starts the server on a free port, reads its first stdout line for the URL, runs the checks, stops it with SIGTERM.
Python is only the test's client; the product never needs it.
"""
import re
import signal
import subprocess
import sys

import psycopg
import sqlalchemy
from sqlalchemy import inspect, text

stackq = sys.argv[1]
server = subprocess.Popen([stackq, "serve", "--sandbox", "--listen", "127.0.0.1:0"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
try:
    first = server.stdout.readline().strip()
    match = re.fullmatch(r"listening on postgresql://127\.0\.0\.1:(\d+)/stackq", first)
    assert match, f"unexpected first line: {first!r}"
    port = int(match.group(1))
    dsn = f"postgresql://stackq@127.0.0.1:{port}/stackq"

    # psycopg 3: server-side bind parameters, native types, an error that leaves the connection usable.
    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT name, state, labels FROM google.dataproc.sessions "
            "WHERE projectsId = %s AND locationsId = %s ORDER BY name",
            ("demo", "us-central1")).fetchall()
        assert len(rows) == 6, rows
        assert all(name.startswith("projects/demo/locations/us-central1/sessions/") for name, _, _ in rows)
        assert all(isinstance(labels, (dict, type(None))) for _, _, labels in rows), rows[0]
        count, ratio = conn.execute("SELECT count(*), 0.5 FROM google.dataproc.sessions "
                                    "WHERE projectsId = 'demo' AND locationsId = 'us-central1'").fetchone()
        assert count == 6 and isinstance(count, int) and ratio == 0.5, (count, ratio)
        try:
            conn.execute("SELECT nme FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'")
            raise AssertionError("expected an error")
        except psycopg.errors.UndefinedColumn:
            pass
        assert conn.execute("SELECT 'still here'").fetchone() == ("still here",)
    # psycopg's default: a transaction around statements (BEGIN is accepted; stackq has no transactions over APIs).
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
        conn.commit()

    # SQLAlchemy: connect-time queries, the inspector, a text query.
    engine = sqlalchemy.create_engine(f"postgresql+psycopg://stackq@127.0.0.1:{port}/stackq")
    inspector = inspect(engine)
    schemas = inspector.get_schema_names()
    assert "google.dataproc" in schemas, schemas
    tables = inspector.get_table_names(schema="google.dataproc")
    assert "sessions" in tables, tables
    columns = {c["name"]: c for c in inspector.get_columns("sessions", schema="google.dataproc")}
    assert "name" in columns and "labels" in columns and "projectsId" in columns, list(columns)
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM google.dataproc.sessions "
                              "WHERE projectsId = :p AND locationsId = :l"), {"p": "demo", "l": "europe-west1"}).scalar()
        assert n > 0, n
    engine.dispose()
    print(f"postgres check: psycopg {psycopg.__version__} and SQLAlchemy {sqlalchemy.__version__} ok on port {port}")
finally:
    server.send_signal(signal.SIGTERM)
    try:
        status = server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        raise
assert status == 0, f"stackq serve exited {status} after SIGTERM: {server.stderr.read()}"
