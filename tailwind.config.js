/** Tailwind CSS v3 configuration for the Roster console.
 *
 * Only complete, literal class strings are ever used in templates and Go code
 * (lookups live in Go maps of full class strings), so scanning these globs finds
 * every class the console needs.
 *
 * @type {import('tailwindcss').Config}
 */
module.exports = {
  content: [
    './views/**/*.templ',
    './views/**/*.go',
    './web/**/*.go',
    './static/js/**/*.js',
  ],
  theme: {
    extend: {
      fontFamily: {
        sans: [
          'Inter var',
          'Inter',
          'ui-sans-serif',
          'system-ui',
          '-apple-system',
          'Segoe UI',
          'Roboto',
          'Helvetica Neue',
          'Arial',
          'sans-serif',
        ],
      },
      boxShadow: {
        card: '0 1px 2px 0 rgb(15 23 42 / 0.04), 0 1px 3px 0 rgb(15 23 42 / 0.04)',
      },
    },
  },
  plugins: [require('@tailwindcss/forms')],
};
