/** The audit log: who did what when, projected from the events (never message text), for GET /api/v1/admin/audit. */
package io.parley.query.audit;
