/** The text Parley accepts in requests (docs/api.md, "Text"), for every service's validation. */
package io.parley.kernel.text;
