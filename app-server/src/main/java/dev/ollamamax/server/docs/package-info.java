/** {@code /docs}: the OpenAPI 3 document of the gateway's routes and a browsable page (Swagger UI from its webjar). */
package dev.ollamamax.server.docs;
