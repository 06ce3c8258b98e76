DROP TABLE account_domains;
DROP TABLE accounts;
DROP TABLE users;
