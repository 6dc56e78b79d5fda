/**
 * A card company host (seed 000 settlement agency 12/13, card companies A/B/C): an ISO 8583 server
 * with card accounts, used for development, tests and demos and as a stand-in for real issuers.
 */
package io.kessai.issuer;
