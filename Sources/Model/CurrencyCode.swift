/// Currency words in exports and their ISO 4217 codes (SPEC §2.5: `currency`, `fx`).
public enum CurrencyCode {
    /// The words Chinese exports use for the common currencies, besides the codes themselves.
    package static let words: [String: String] = [
        "人民币": "CNY", "元": "CNY", "RMB": "CNY", "¥": "CNY", "￥": "CNY",
        "美元": "USD", "美金": "USD", "US$": "USD", "$": "USD",
        "港币": "HKD", "港元": "HKD", "HK$": "HKD",
        "欧元": "EUR", "€": "EUR", "日元": "JPY", "英镑": "GBP", "£": "GBP",
        "新台币": "TWD", "澳门元": "MOP", "新加坡元": "SGD", "韩元": "KRW",
    ]

    /// Three ASCII letters, upper case: `CNY`, `USD`.
    public static func isCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { (0x41...0x5A).contains($0) }
    }

    /// The code a word in the export stands for: the pipeline's own words first, then
    /// the built-in ones, then a code in any case (`usd`). nil when it is none of these.
    package static func code(for word: String, mapped: [String: String]) -> String? {
        if let code = mapped[word] { return code }
        if let code = words[word] ?? words[word.uppercased()] { return code }
        let upper = word.uppercased()
        return isCode(upper) ? upper : nil
    }
}
