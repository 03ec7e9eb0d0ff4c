MSCK REPAIR TABLE demo.orders
