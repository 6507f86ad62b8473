"""The pages of "Borrow a mentor", a module a page: the catalogue and a mentor's page
(catalogue), the request form (requests), the loan page and its steps (loans), my loans and
the inbox (lists), the figures (figures) and the skills (skills).

Views are thin: forms check the input's shape, services decide and write."""
