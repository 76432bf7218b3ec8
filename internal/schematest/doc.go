// Package schematest holds the schema agreement test: every GORM record of
// every domain package must match the migrated tables of both dialects
// (columns, nullability, primary keys, types), and every table must be
// covered by a record. It has no code outside its test.
package schematest
