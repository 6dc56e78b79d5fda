package io.kessai.app;

import picocli.CommandLine;

/** Reports the version Maven wrote into the jar's manifest ("dev" when run from classes). */
final class KessaiVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Kessai.class.getPackage().getImplementationVersion();
        return new String[] {"kessai " + (version == null ? "dev" : version)};
    }
}
