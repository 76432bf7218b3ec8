# Roster front-end and code generation. Go builds use CGO_ENABLED=0 (pure-Go SQLite).
export CGO_ENABLED := 0

.PHONY: css vendor generate assets

# node_modules is (re)installed from the lockfile when missing or older than it.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## css: build the minified stylesheet static/dist/app.css (committed)
css: node_modules/.package-lock.json
	npm run build:css

## vendor: copy the pinned htmx into static/vendor/htmx.min.js (committed)
vendor: node_modules/.package-lock.json
	npm run vendor

## generate: regenerate the committed *_templ.go files
generate:
	go tool templ generate

## assets: everything above
assets: generate css vendor

.PHONY: run test build bench

## run: the README's first command (SQLite in ./roster-data, demo data)
run:
	go run ./cmd/roster serve --demo

## test: the README's second command (the whole suite)
test:
	go test ./...

## build: a static binary ./roster
build:
	go build -trimpath -o roster ./cmd/roster

## bench: start-up benchmark (cold start to /readyz on SQLite)
bench:
	go test -run '^$$' -bench . -benchtime 20x ./cmd/roster
