-- The demo application database: a small trading back office with enough rows
-- for sizes, activity and slow queries to mean something.
CREATE TABLE customers (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL,
    email       text NOT NULL UNIQUE,
    tier        text NOT NULL CHECK (tier IN ('retail', 'pro', 'institutional')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE instruments (
    symbol      text PRIMARY KEY,
    name        text NOT NULL,
    tick_size   numeric(12, 6) NOT NULL
);

CREATE TABLE orders (
    id          bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    symbol      text NOT NULL REFERENCES instruments (symbol),
    side        text NOT NULL CHECK (side IN ('buy', 'sell')),
    quantity    integer NOT NULL CHECK (quantity > 0),
    price       numeric(14, 4) NOT NULL,
    status      text NOT NULL CHECK (status IN ('new', 'filled', 'cancelled', 'rejected')),
    created_at  timestamptz NOT NULL
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX orders_created_idx ON orders (created_at);

CREATE TABLE trades (
    id          bigserial PRIMARY KEY,
    order_id    bigint NOT NULL REFERENCES orders (id),
    quantity    integer NOT NULL,
    price       numeric(14, 4) NOT NULL,
    executed_at timestamptz NOT NULL
);

INSERT INTO instruments (symbol, name, tick_size) VALUES
    ('AAPL', 'Apple Inc.', 0.01), ('MSFT', 'Microsoft Corp.', 0.01), ('NVDA', 'NVIDIA Corp.', 0.01),
    ('BABA', 'Alibaba Group', 0.01), ('0700.HK', 'Tencent Holdings', 0.2), ('600519.SS', 'Kweichow Moutai', 0.01),
    ('BTC-USD', 'Bitcoin', 0.5), ('ETH-USD', 'Ether', 0.05);

INSERT INTO customers (name, email, tier, created_at)
SELECT 'Customer ' || g, 'customer' || g || '@example.com',
       (ARRAY['retail', 'retail', 'retail', 'pro', 'institutional'])[1 + g % 5],
       now() - (g || ' hours')::interval
FROM generate_series(1, 5000) AS g;

INSERT INTO orders (customer_id, symbol, side, quantity, price, status, created_at)
SELECT 1 + (g * 7919) % 5000,
       (ARRAY['AAPL', 'MSFT', 'NVDA', 'BABA', '0700.HK', '600519.SS', 'BTC-USD', 'ETH-USD'])[1 + g % 8],
       CASE WHEN g % 2 = 0 THEN 'buy' ELSE 'sell' END,
       1 + (g * 31) % 500,
       round((50 + (g * 13) % 900 + random())::numeric, 4),
       (ARRAY['filled', 'filled', 'filled', 'new', 'cancelled', 'rejected'])[1 + g % 6],
       now() - ((g % 43200) || ' minutes')::interval
FROM generate_series(1, 200000) AS g;

INSERT INTO trades (order_id, quantity, price, executed_at)
SELECT id, quantity, price, created_at + interval '150 milliseconds'
FROM orders WHERE status = 'filled';

ANALYZE customers, instruments, orders, trades;
