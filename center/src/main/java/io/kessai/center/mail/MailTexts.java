package io.kessai.center.mail;

import java.util.Map;

/**
 * Everything the center says by mail, as data: subjects per outcome and the explanation of every error
 * code a mail can be refused with (docs/protocol/mail.md lists the same codes).
 */
final class MailTexts {
    static final MailText SUBJECT_APPROVED = new MailText("承認されました", "Approved");
    static final MailText SUBJECT_DECLINED = new MailText("お取り扱いできません", "Declined");
    static final MailText SUBJECT_REENTER = new MailText("再入力してください", "Please enter again");
    static final MailText SUBJECT_UNAVAILABLE = new MailText("ただいまお取り扱いできません（請求はされません）",
            "Unavailable (not charged)");
    static final MailText SUBJECT_ITEMS = new MailText("追加項目のお願い", "Additional items requested");
    static final MailText SUBJECT_CONFIRMED = new MailText("お支払いが完了しました", "Payment completed");
    static final MailText SUBJECT_ERROR = new MailText("メールを処理できませんでした", "Your mail could not be processed");

    static final MailText ITEMS_INTRO = new MailText(
            "このメールに返信し、下の各項目の「:」の後に回答を書いてください（引用の中でも構いません）。",
            "Reply to this mail and write your answer after the ':' of each item below (inside the quote is fine).");
    static final MailText CONFIRMED_INTRO = new MailText("控え（PDF）を添付します。", "The slip is attached as a PDF.");
    static final MailText RESULT_SEAL = new MailText(
            "リーダーで確認できる封印済みの結果を添付し、下にも記載しています。",
            "The sealed result for the reader is attached and also printed below.");

    private static final Map<String, MailText> ERRORS = Map.ofEntries(
            Map.entry("mime_malformed", new MailText("メールの形式を読み取れませんでした。", "The mail is not readable MIME.")),
            Map.entry("mail_too_large", new MailText("メールが大きすぎます。", "The mail is too large.")),
            Map.entry("no_envelope", new MailText("メールに決済データ（封筒）が見つかりません。リーダーの封筒を添付してください。",
                    "The mail holds no payment envelope. Attach the reader's envelope.")),
            Map.entry("several_envelopes", new MailText("1通のメールに封筒は1つだけにしてください。",
                    "Send one envelope per mail.")),
            Map.entry("envelope_damaged", new MailText("封筒が途中で壊れました。もう一度送ってください。",
                    "The envelope was damaged on the way. Please send it again.")),
            Map.entry("no_answers", new MailText("返信に回答が見つかりません。「payment_method: 10」のように書いてください。",
                    "The reply holds no answers. Write them as 'payment_method: 10'.")),
            Map.entry("sender_mismatch", new MailText("このリーダーに登録された携帯電話のアドレスから送ってください。",
                    "Send from the phone address registered for this reader.")),
            Map.entry("unknown_payment", new MailText("どの決済への返信か分かりません。依頼メールにそのまま返信してください。",
                    "We cannot tell which payment this reply is for. Reply to the request mail itself.")),
            Map.entry("envelope_malformed", new MailText("封筒の形式が正しくありません。", "The envelope is malformed.")),
            Map.entry("envelope_unsupported", new MailText("この封筒の形式には対応していません。", "This envelope format is not supported.")),
            Map.entry("envelope_unknown_key", new MailText("リーダーの鍵が登録されていません。", "The reader's key is not registered.")),
            Map.entry("envelope_bad_ksn", new MailText("封筒の鍵番号が正しくありません。", "The envelope's key serial number is invalid.")),
            Map.entry("envelope_mac_mismatch", new MailText("封筒の認証に失敗しました。", "The envelope does not authenticate.")),
            Map.entry("envelope_bad_content", new MailText("封筒の中身が正しくありません。", "The envelope's content is invalid.")),
            Map.entry("ksn_replayed", new MailText("この封筒はすでに使われています。", "This envelope was already used.")),
            Map.entry("unknown_reader", new MailText("リーダーが登録されていません。", "The reader is not registered.")),
            Map.entry("reader_disabled", new MailText("リーダーが停止されています。", "The reader is disabled.")),
            Map.entry("reader_mismatch", new MailText("リーダーの登録内容と一致しません。", "The envelope does not match the reader's registration.")),
            Map.entry("unknown_merchant", new MailText("加盟店が登録されていません。", "The merchant is not registered.")),
            Map.entry("merchant_disabled", new MailText("加盟店が停止されています。", "The merchant is suspended.")),
            Map.entry("payment_not_found", new MailText("決済が見つかりません。", "No such payment.")),
            Map.entry("payment_not_awaiting_items", new MailText("この決済は追加項目を待っていません。",
                    "This payment is not waiting for additional items.")),
            Map.entry("invalid_items", new MailText("回答に誤りがあります。", "An answer is invalid.")));
    private static final MailText UNKNOWN_ERROR = new MailText("メールを処理できませんでした。", "The mail could not be processed.");

    private MailTexts() {}

    static MailText error(String code) {
        return ERRORS.getOrDefault(code, UNKNOWN_ERROR);
    }

    static boolean knows(String code) {
        return ERRORS.containsKey(code);
    }
}
