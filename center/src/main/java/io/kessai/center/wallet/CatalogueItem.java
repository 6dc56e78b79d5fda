package io.kessai.center.wallet;

import java.util.List;

/** An item a shop offers on the phone (Fig. 6 b–h): goods with stock, or tickets with their free seats. */
public record CatalogueItem(String sku, String name, long priceMinor, String currency, int stock, Kind kind, List<String> freeSeats) {
    public enum Kind {
        GOODS,
        TICKET
    }
}
