package com.smarttelehealth.video.common.persistence;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether a PostgreSQL server offers TLS, asked as libpq and PgJDBC ask before they log in: an SSLRequest (eight
 * bytes: the length, then the code 80877103), answered with one byte, {@code S} (it does) or {@code N} (it does
 * not). The probe closes its socket right after the answer, so the server ends that backend at once and nothing
 * waits for a startup packet.
 */
final class PostgresTls {

    private static final int SSL_REQUEST_CODE = 80877103;

    /** The server's answer; {@code UNKNOWN} when it could not be asked (unreachable, or an answer of another shape). */
    enum Offer {
        OFFERED, DECLINED, UNKNOWN
    }

    private PostgresTls() {
    }

    static Offer probe(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(8);
            out.writeInt(SSL_REQUEST_CODE);
            out.flush();
            int answer = new DataInputStream(socket.getInputStream()).read();
            return answer == 'S' ? Offer.OFFERED : answer == 'N' ? Offer.DECLINED : Offer.UNKNOWN;
        } catch (IOException e) {
            return Offer.UNKNOWN;
        }
    }
}
