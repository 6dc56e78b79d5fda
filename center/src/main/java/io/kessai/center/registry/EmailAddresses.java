package io.kessai.center.registry;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 5322 addr-spec, as the phone's address is written in a reader's record: a dot-atom or quoted-
 * string local part, {@code @}, a host name. Left out on purpose: comments and folding white space
 * (not part of an address a person types), obsolete syntax, domain literals ({@code [192.0.2.1]}) and
 * non-ASCII addresses, none of which a phone's mail address uses. Old Japanese carrier addresses with
 * consecutive dots ({@code taro..yamada@docomo.ne.jp}) are valid only quoted: {@code "taro..yamada"@docomo.ne.jp}.
 */
final class EmailAddresses {
    static final int MAX_ADDRESS_CHARS = 254;
    static final int MAX_LOCAL_PART_CHARS = 64;
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
    private static final Pattern DOT_ATOM = Pattern.compile(ATEXT + "+(\\." + ATEXT + "+)*");
    /** qtext is printable ASCII but '"' and '\'; a quoted-pair is '\' then any printable character or space. */
    private static final Pattern QUOTED_STRING = Pattern.compile("\"([\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\x20-\\x7E])*\"");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private EmailAddresses() {}

    /** The address with its domain in lower case, or what is wrong with it. */
    static Result check(String address) {
        if (address.length() > MAX_ADDRESS_CHARS) {
            return Result.problem("must be at most " + MAX_ADDRESS_CHARS + " characters");
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return Result.problem("must be an e-mail address (local-part@domain): it has no @");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.isEmpty()) {
            return Result.problem("has nothing before the @");
        }
        if (local.length() > MAX_LOCAL_PART_CHARS) {
            return Result.problem("has a local part (before the @) longer than " + MAX_LOCAL_PART_CHARS + " characters");
        }
        if (!DOT_ATOM.matcher(local).matches() && !QUOTED_STRING.matcher(local).matches()) {
            return Result.problem("has a local part (before the @) that is not valid: use letters, digits and"
                    + " !#$%&'*+/=?^_`{|}~- separated by single dots, or put it in double quotes");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            return Result.problem("has a domain (after the @) that is not a host name such as docomo.ne.jp");
        }
        return new Result(Optional.of(local + "@" + domain.toLowerCase(Locale.ROOT)), Optional.empty());
    }

    record Result(Optional<String> normalized, Optional<String> problem) {
        static Result problem(String problem) {
            return new Result(Optional.empty(), Optional.of(problem));
        }
    }
}
