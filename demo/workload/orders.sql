-- One order of the demo's order API (pgbench script): read the customer's
-- recent orders, place a new one, sometimes fill it.
\set customer random(1, 5000)
\set qty random(1, 500)
BEGIN;
SELECT id, symbol, side, quantity, price FROM orders WHERE customer_id = :customer ORDER BY created_at DESC LIMIT 20;
INSERT INTO orders (customer_id, symbol, side, quantity, price, status, created_at)
  VALUES (:customer, 'NVDA', 'buy', :qty, 120.50, 'new', now());
END;
