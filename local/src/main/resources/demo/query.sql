SELECT region,
       year,
       count(*)                                   AS orders,
       sum(quantity)                              AS units,
       CAST(sum(quantity * unit_price) AS decimal(12,2)) AS revenue,
       approx_distinct(customer)                  AS customers
FROM demo.orders
WHERE CAST(order_date AS date) >= CAST(date_parse(?, '%Y-%m-%d') AS date)
GROUP BY region, year
ORDER BY revenue DESC
