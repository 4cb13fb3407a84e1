/** How far the event processors of a service have got, and waiting for them without polling. */
package io.parley.kernel.progress;
