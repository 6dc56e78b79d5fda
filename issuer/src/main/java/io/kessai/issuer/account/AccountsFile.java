package io.kessai.issuer.account;

import io.kessai.card.CardDataException;
import io.kessai.card.ExpiryDate;
import io.kessai.card.Pan;
import io.kessai.issuer.fault.Fault;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the accounts file: UTF-8 text, comma-separated, one card account per line after a header
 * line naming the columns (any order). Blank lines and lines starting with {@code #} are skipped.
 *
 * <pre>
 * # column        required  value
 * pan             yes       12–19 digits, Luhn-checked
 * expiry          yes       YYMM
 * status          yes       active | lost | stolen | blocked
 * kind            yes       credit | debit
 * limit_minor     yes       credit line (credit) or balance (debit), integer minor units of currency
 * currency        yes       ISO 4217, numeric (392) or alphabetic (JPY)
 * issuer_code     yes       1–16 letters, digits, '-' or '_' (the card company, 仕向先)
 * pin             no        4–12 digits, test and demo data only; empty = no PIN
 * fault           no        delay:MS | drop | close | garbage; empty = none
 * </pre>
 *
 * <p>All or nothing: the first bad line stops the load with an {@link AccountsFileException} naming
 * the file, line and column, and no account is returned. Errors never quote a PAN (masked at most)
 * or a PIN.
 */
public final class AccountsFile {
    /** Bound on the file: a card company host for tests and demos, not a national card base. */
    public static final int MAX_ACCOUNTS = 1_000_000;
    public static final int MAX_LINE_CHARACTERS = 1_024;
    public static final long MAX_LIMIT_MINOR = 999_999_999_999L;
    private static final int MIN_PIN_DIGITS = 4;
    private static final int MAX_PIN_DIGITS = 12;
    private static final Pattern ISSUER_CODE = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final Pattern NUMERIC_CURRENCY = Pattern.compile("[0-9]{3}");
    private static final Pattern ALPHA_CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");

    enum Column {
        PAN("pan", true),
        EXPIRY("expiry", true),
        STATUS("status", true),
        KIND("kind", true),
        LIMIT_MINOR("limit_minor", true),
        CURRENCY("currency", true),
        ISSUER_CODE("issuer_code", true),
        PIN("pin", false),
        FAULT("fault", false);

        final String header;
        final boolean required;

        Column(String header, boolean required) {
            this.header = header;
            this.required = required;
        }

        static Column fromHeader(String header) {
            for (Column column : values()) {
                if (column.header.equals(header)) {
                    return column;
                }
            }
            return null;
        }
    }

    private AccountsFile() {}

    /** Reads and checks the whole file. The caller wipes each line's PIN once used. */
    public static List<AccountLine> read(Path file) throws AccountsFileException {
        List<String> lines = readLines(file);
        String name = file.toString();
        int[] columnIndex = null;
        int columnCount = 0;
        List<AccountLine> accounts = new ArrayList<>();
        Map<Pan, Integer> firstLineOf = new HashMap<>();
        try {
            for (int i = 0; i < lines.size(); i++) {
                int lineNumber = i + 1;
                String line = lines.get(i);
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                if (line.length() > MAX_LINE_CHARACTERS) {
                    throw new AccountsFileException(name + " line " + lineNumber + ": longer than "
                            + MAX_LINE_CHARACTERS + " characters");
                }
                String[] cells = line.split(",", -1);
                if (columnIndex == null) {
                    columnIndex = header(name, lineNumber, cells);
                    columnCount = cells.length;
                    continue;
                }
                if (cells.length != columnCount) {
                    throw new AccountsFileException(name + " line " + lineNumber + ": " + cells.length
                            + " columns, the header has " + columnCount);
                }
                if (accounts.size() == MAX_ACCOUNTS) {
                    throw new AccountsFileException(name + " line " + lineNumber + ": more than " + MAX_ACCOUNTS
                            + " accounts");
                }
                AccountLine account = new LineReader(name, lineNumber, cells, columnIndex).account();
                Integer earlier = firstLineOf.putIfAbsent(account.pan(), lineNumber);
                if (earlier != null) {
                    account.wipePin();
                    throw new AccountsFileException(name + " line " + lineNumber + ", column "
                            + (columnIndex[Column.PAN.ordinal()] + 1) + " (pan): card " + account.pan().masked()
                            + " is already on line " + earlier);
                }
                accounts.add(account);
            }
            if (columnIndex == null) {
                throw new AccountsFileException(name + ": no header line (expected e.g. "
                        + "pan,expiry,status,kind,limit_minor,currency,issuer_code,pin,fault)");
            }
            return accounts;
        } catch (AccountsFileException e) {
            accounts.forEach(AccountLine::wipePin);
            throw e;
        }
    }

    private static List<String> readLines(Path file) throws AccountsFileException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (lines.size() > MAX_ACCOUNTS * 2) {
                    throw new AccountsFileException(file + ": more than " + MAX_ACCOUNTS * 2 + " lines");
                }
                lines.add(line);
            }
            return lines;
        } catch (CharacterCodingException e) {
            throw new AccountsFileException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new AccountsFileException("cannot read accounts file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Index into the cells of each column, -1 for an optional column not in the file. */
    private static int[] header(String name, int lineNumber, String[] cells) throws AccountsFileException {
        int[] index = new int[Column.values().length];
        Arrays.fill(index, -1);
        for (int i = 0; i < cells.length; i++) {
            String header = cells[i].strip();
            Column column = Column.fromHeader(header);
            if (column == null) {
                throw new AccountsFileException(name + " line " + lineNumber + ", column " + (i + 1) + ": unknown column '"
                        + header + "' (columns: pan, expiry, status, kind, limit_minor, currency, issuer_code, pin, fault)");
            }
            if (index[column.ordinal()] >= 0) {
                throw new AccountsFileException(name + " line " + lineNumber + ", column " + (i + 1) + ": column '"
                        + header + "' appears twice");
            }
            index[column.ordinal()] = i;
        }
        for (Column column : Column.values()) {
            if (column.required && index[column.ordinal()] < 0) {
                throw new AccountsFileException(name + " line " + lineNumber + ": header lacks the column '"
                        + column.header + "'");
            }
        }
        return index;
    }

    /** Reads the cells of one line; every error names the line and the column. */
    private record LineReader(String name, int lineNumber, String[] cells, int[] columnIndex) {

        AccountLine account() throws AccountsFileException {
            Pan pan = pan();
            ExpiryDate expiry = expiry();
            AccountStatus status = AccountStatus.fromCode(cell(Column.STATUS))
                    .orElseThrow(() -> error(Column.STATUS, "'" + cell(Column.STATUS)
                            + "' is not active, lost, stolen or blocked"));
            AccountKind kind = AccountKind.fromCode(cell(Column.KIND))
                    .orElseThrow(() -> error(Column.KIND, "'" + cell(Column.KIND) + "' is not credit or debit"));
            long limit = limit();
            String currency = currency();
            String issuerCode = cell(Column.ISSUER_CODE);
            if (!ISSUER_CODE.matcher(issuerCode).matches()) {
                throw error(Column.ISSUER_CODE, "'" + issuerCode + "' is not 1-16 letters, digits, '-' or '_'");
            }
            Fault fault = fault();
            char[] pin = pin();
            return new AccountLine(lineNumber, pan, expiry, status, kind, limit, currency, pin, issuerCode, fault);
        }

        private Pan pan() throws AccountsFileException {
            try {
                return Pan.of(cell(Column.PAN));
            } catch (CardDataException e) {
                // The card module's messages mask the PAN: safe to pass on.
                throw error(Column.PAN, e.getMessage());
            }
        }

        private ExpiryDate expiry() throws AccountsFileException {
            try {
                return ExpiryDate.parseYymm(cell(Column.EXPIRY));
            } catch (CardDataException e) {
                throw error(Column.EXPIRY, e.getMessage());
            }
        }

        private long limit() throws AccountsFileException {
            String text = cell(Column.LIMIT_MINOR);
            if (!DIGITS.matcher(text).matches()) {
                throw error(Column.LIMIT_MINOR, "'" + text + "' is not a whole number of minor units (0.."
                        + MAX_LIMIT_MINOR + ")");
            }
            return Long.parseLong(text);
        }

        private String currency() throws AccountsFileException {
            String text = cell(Column.CURRENCY);
            if (NUMERIC_CURRENCY.matcher(text).matches()) {
                return text;
            }
            if (ALPHA_CURRENCY.matcher(text).matches()) {
                try {
                    return Currency.getInstance(text).getNumericCodeAsString();
                } catch (IllegalArgumentException e) {
                    throw error(Column.CURRENCY, "'" + text + "' is not an ISO 4217 currency");
                }
            }
            throw error(Column.CURRENCY, "'" + text + "' is not an ISO 4217 code (392 or JPY)");
        }

        private Fault fault() throws AccountsFileException {
            String text = optionalCell(Column.FAULT);
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Fault.parse(text);
            } catch (IllegalArgumentException e) {
                throw error(Column.FAULT, e.getMessage());
            }
        }

        /** Last, so that no earlier error leaves a PIN array behind. Never quoted in an error. */
        private char[] pin() throws AccountsFileException {
            String text = optionalCell(Column.PIN);
            if (text.isEmpty()) {
                return null;
            }
            if (text.length() < MIN_PIN_DIGITS || text.length() > MAX_PIN_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw error(Column.PIN, "a PIN must be " + MIN_PIN_DIGITS + " to " + MAX_PIN_DIGITS + " digits");
            }
            return text.toCharArray();
        }

        private String cell(Column column) {
            return cells[columnIndex[column.ordinal()]].strip();
        }

        private String optionalCell(Column column) {
            int index = columnIndex[column.ordinal()];
            return index < 0 ? "" : cells[index].strip();
        }

        private AccountsFileException error(Column column, String what) {
            return new AccountsFileException(name + " line " + lineNumber + ", column "
                    + (columnIndex[column.ordinal()] + 1) + " (" + column.header + "): " + what);
        }
    }
}
