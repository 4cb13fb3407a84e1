/** Where attachment bytes are kept: one port, a file-system store (the embedded default) and an S3 adapter. */
package io.parley.kernel.attachment;
