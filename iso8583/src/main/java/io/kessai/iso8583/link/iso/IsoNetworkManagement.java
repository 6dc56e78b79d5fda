package io.kessai.iso8583.link.iso;

import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialect;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.Mti;
import io.kessai.iso8583.NetworkManagementCode;
import io.kessai.iso8583.ResponseCode;
import io.kessai.iso8583.link.NetworkManagement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * ISO 8583:1987 network management: 0800 with DE 70 = 001 (sign-on), 002 (sign-off), 301 (echo test),
 * each with a fresh STAN (DE 11) and the transmission time (DE 7, UTC); accepted when the answer is
 * an 0810 with DE 39 = 00. The host's own echo tests are answered with 0810 / 00; its other 0800s
 * (a key change, say) are not this class's to accept, so they are dropped and reported.
 */
public final class IsoNetworkManagement implements NetworkManagement<IsoMessage> {
    /** DE 7: MMDDhhmmss in UTC (REFERENCE §4.2). */
    private static final DateTimeFormatter TRANSMISSION_TIME =
            DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC);

    private final Dialect dialect;
    private final IntSupplier stanSource;
    private final Clock clock;

    /**
     * @param stanSource the next STAN (0..999,999) of this acquirer: shared with its other requests,
     *                   since a STAN is unique per originator
     * @param clock      for DE 7
     */
    public IsoNetworkManagement(Dialect dialect, IntSupplier stanSource, Clock clock) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.stanSource = Objects.requireNonNull(stanSource, "stanSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public IsoMessage signOn() {
        return request(NetworkManagementCode.SIGN_ON);
    }

    @Override
    public IsoMessage signOff() {
        return request(NetworkManagementCode.SIGN_OFF);
    }

    @Override
    public IsoMessage echo() {
        return request(NetworkManagementCode.ECHO_TEST);
    }

    @Override
    public boolean accepted(IsoMessage response) {
        return Mti.NETWORK_MANAGEMENT_RESPONSE.equals(response.mti())
                && response.hasField(DataElement.RESPONSE_CODE)
                && ResponseCode.APPROVED.code().equals(response.get(DataElement.RESPONSE_CODE));
    }

    @Override
    public IsoMessage answer(IsoMessage peerRequest) {
        if (!Mti.NETWORK_MANAGEMENT_REQUEST.equals(peerRequest.mti())
                || !NetworkManagementCode.ECHO_TEST.code().equals(peerRequest.get(DataElement.NETWORK_MANAGEMENT_CODE))) {
            return null;
        }
        return peerRequest.createResponse().responseCode(ResponseCode.APPROVED);
    }

    private IsoMessage request(NetworkManagementCode code) {
        return dialect.newMessage(Mti.NETWORK_MANAGEMENT_REQUEST)
                .set(DataElement.TRANSMISSION_DATE_TIME, TRANSMISSION_TIME.format(clock.instant()))
                .stan(stanSource.getAsInt())
                .set(DataElement.NETWORK_MANAGEMENT_CODE, code.code());
    }
}
