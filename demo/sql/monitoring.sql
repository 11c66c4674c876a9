-- The users' monitoring database, in the shape their own documents give.
CREATE TABLE logs (
    id          bigserial PRIMARY KEY,
    timestamp   timestamptz NOT NULL DEFAULT now(),
    level       text NOT NULL,
    service     text NOT NULL,
    message     text NOT NULL,
    context     jsonb
);
CREATE INDEX logs_timestamp_idx ON logs (timestamp);

CREATE TABLE performance_metrics (
    id          bigserial PRIMARY KEY,
    timestamp   timestamptz NOT NULL DEFAULT now(),
    service     text NOT NULL,
    metric_name text NOT NULL,
    value       double precision NOT NULL,
    unit        text
);
CREATE INDEX performance_metrics_lookup_idx ON performance_metrics (service, metric_name, timestamp);

CREATE TABLE data_quality_checks (
    id          bigserial PRIMARY KEY,
    timestamp   timestamptz NOT NULL DEFAULT now(),
    check_name  text NOT NULL,
    table_name  text NOT NULL,
    passed      boolean NOT NULL,
    details     text
);

CREATE TABLE alerts (
    id          bigserial PRIMARY KEY,
    timestamp   timestamptz NOT NULL DEFAULT now(),
    alert_type  text NOT NULL,
    severity    text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    source      text NOT NULL,
    message     text NOT NULL,
    resolved    boolean NOT NULL DEFAULT false
);
CREATE INDEX alerts_open_idx ON alerts (resolved, timestamp);

INSERT INTO logs (timestamp, level, service, message, context)
SELECT now() - (g || ' seconds')::interval,
       (ARRAY['INFO', 'INFO', 'INFO', 'INFO', 'WARNING', 'ERROR'])[1 + g % 6],
       (ARRAY['api-gateway', 'trading-engine', 'market-data'])[1 + g % 3],
       (ARRAY['request served', 'order accepted', 'quote published', 'cache miss', 'slow upstream', 'database timeout'])[1 + g % 6],
       jsonb_build_object('request_id', md5(g::text), 'duration_ms', (g * 7) % 900)
FROM generate_series(1, 20000) AS g;

INSERT INTO performance_metrics (timestamp, service, metric_name, value, unit)
SELECT now() - (g || ' minutes')::interval,
       (ARRAY['api-gateway', 'trading-engine', 'market-data'])[1 + g % 3],
       (ARRAY['p95_latency', 'requests_per_second', 'error_rate'])[1 + (g / 3) % 3],
       CASE (g / 3) % 3 WHEN 0 THEN 40 + (g * 17) % 90 WHEN 1 THEN 100 + (g * 11) % 400 ELSE ((g * 3) % 50) / 1000.0 END,
       (ARRAY['ms', 'req/s', 'ratio'])[1 + (g / 3) % 3]
FROM generate_series(1, 10080) AS g;

INSERT INTO data_quality_checks (timestamp, check_name, table_name, passed, details) VALUES
    (now() - interval '2 hours', 'no_null_prices', 'orders', true, NULL),
    (now() - interval '2 hours', 'trades_match_orders', 'trades', true, NULL),
    (now() - interval '1 hour', 'quotes_fresh', 'quotes', false, 'last quote for 0700.HK is 14 minutes old'),
    (now() - interval '10 minutes', 'no_negative_quantities', 'orders', true, NULL);

INSERT INTO alerts (timestamp, alert_type, severity, source, message, resolved) VALUES
    (now() - interval '3 days', 'DatabaseDown', 'critical', 'monitor', 'app database unreachable for 45 s', true),
    (now() - interval '5 hours', 'DiskSpace', 'warning', 'monitor', 'pg data volume at 81%', true),
    (now() - interval '40 minutes', 'StaleQuotes', 'warning', 'data-quality', 'quotes for 0700.HK older than 10 minutes', false),
    (now() - interval '12 minutes', 'ReplicationLag', 'critical', 'monitor', 'replica lag 42 s on pg-replica-1', false);
