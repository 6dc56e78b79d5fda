package io.kessai.center.http;

import java.security.GeneralSecurityException;
import java.time.Clock;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The center's TLS key and certificate as a server SSLContext, for listeners other than HTTPS (SMTP STARTTLS). */
public final class TlsContexts {
    private TlsContexts() {}

    public static SSLContext serverContext(TlsConfig config, Clock clock) {
        TlsKeyStore keys = TlsKeyStores.load(config, clock);
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] password = keys.password();
            factory.init(keys.keyStore(), password);
            java.util.Arrays.fill(password, '\0');
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new HttpServerException("cannot make a TLS context from the center's certificate: " + e.getMessage(), e);
        }
    }
}
