using System.Globalization;
using System.Reflection;
using System.Text;
using PocTracker.Identity.Passwords;

namespace PocTracker.Identity.UnitTests;

/// <summary>The password policy, rule by rule (NIST SP 800-63B rev. 4 §3.1.1.2; OWASP ASVS 5.0 V6.2, level 2).</summary>
public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = new();

    private static readonly PasswordContext PasswordOnly = new(
        MfaEnabled: false,
        TenantName: "Padaria São João",
        TenantSlug: "acme-ltda",
        Email: "joao.silva@acme.com.br",
        DisplayName: "Maria Conceição");

    private static readonly PasswordContext WithMfa = PasswordOnly with { MfaEnabled = true };

    private static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    private static string[] Codes(PasswordCheck check) => [.. check.Failures.Select(f => f.Code)];

    // ---- Length ----------------------------------------------------------------------------------------------------

    [Fact]
    public void The_minimum_is_15_code_points_for_a_password_only_account_and_8_with_MFA()
    {
        Assert.Equal(15, PasswordPolicy.MinimumLength(mfaEnabled: false));
        Assert.Equal(8, PasswordPolicy.MinimumLength(mfaEnabled: true));
        Assert.Equal(256, PasswordPolicy.MaximumLength);
    }

    [Fact]
    public void Without_MFA_14_code_points_are_too_short_and_15_are_enough()
    {
        var fifteen = "vK7#qe9!Lm2@xZp";

        var ok = Policy.Check(fifteen, PasswordOnly);
        var short14 = Policy.Check(fifteen[..14], PasswordOnly);

        Assert.True(ok.IsAcceptable, string.Join(", ", Codes(ok)));
        Assert.Equal(15, ok.Length);
        Assert.Equal(15, ok.MinimumLength);
        Assert.Equal([PasswordFailureCodes.TooShort], Codes(short14));
        Assert.Equal(14, short14.Length);
    }

    [Fact]
    public void With_MFA_8_code_points_are_enough_and_7_are_too_short()
    {
        var eight = "vK7#qe9!";

        Assert.True(Policy.Check(eight, WithMfa).IsAcceptable);
        Assert.Equal(8, Policy.Check(eight, WithMfa).MinimumLength);
        Assert.Equal([PasswordFailureCodes.TooShort], Codes(Policy.Check(eight[..7], WithMfa)));
        Assert.Equal([PasswordFailureCodes.TooShort], Codes(Policy.Check(eight, PasswordOnly)));
    }

    [Fact]
    public void Emoji_count_as_one_code_point_each_not_two_UTF16_units()
    {
        var fifteenEmoji = "🔒🐸🌵🎻🚲🍉🦜🧭🪁🎲🛶🌋🧩🦔🎈";
        Assert.Equal(30, fifteenEmoji.Length);

        var ok = Policy.Check(fifteenEmoji, PasswordOnly);
        var fourteen = Policy.Check(fifteenEmoji[..28], PasswordOnly);

        Assert.Equal(15, ok.Length);
        Assert.True(ok.IsAcceptable, string.Join(", ", Codes(ok)));
        Assert.Equal(14, fourteen.Length);
        Assert.Equal([PasswordFailureCodes.TooShort], Codes(fourteen));
    }

    [Fact]
    public void Accented_letters_count_once_whether_typed_precomposed_or_with_a_combining_accent()
    {
        var precomposed = "coração é árvore";           // 16 code points
        var decomposed = "corac\u0327a\u0303o e\u0301 a\u0301rvore"; // 20 UTF-16 units, the same text

        Assert.Equal(16, Policy.Check(precomposed, PasswordOnly).Length);
        Assert.Equal(16, Policy.Check(decomposed, PasswordOnly).Length);
        Assert.Equal(precomposed, PasswordPolicy.Normalize(decomposed));
    }

    [Fact]
    public void Up_to_256_code_points_are_allowed_and_257_are_too_long()
    {
        var random = new Random(20251125);
        var words = new StringBuilder();
        while (words.Length < 300)
        {
            words.Append((char)('a' + random.Next(26)));
        }
        var text = words.ToString();

        var max = Policy.Check(text[..256], PasswordOnly);
        var over = Policy.Check(text[..257], PasswordOnly);

        Assert.True(max.IsAcceptable, string.Join(", ", Codes(max)));
        Assert.Equal(256, max.Length);
        Assert.Equal([PasswordFailureCodes.TooLong], Codes(over));
    }

    [Fact]
    public void The_maximum_counts_code_points_so_256_emoji_are_allowed()
    {
        var random = new Random(7);
        var emoji = string.Concat(Enumerable.Range(0, 257).Select(_ => char.ConvertFromUtf32(0x1F600 + random.Next(0x50))));

        var max = Policy.Check(emoji[..512], PasswordOnly);
        var over = Policy.Check(emoji, PasswordOnly);

        Assert.Equal(256, max.Length);
        Assert.DoesNotContain(PasswordFailureCodes.TooLong, Codes(max));
        Assert.Contains(PasswordFailureCodes.TooLong, Codes(over));
    }

    [Fact]
    public void A_huge_input_is_refused_as_too_long_without_being_processed()
    {
        var huge = new string('x', 1_000_000) + "Q7!";

        var check = Policy.Check(huge, PasswordOnly);

        Assert.Equal([PasswordFailureCodes.TooLong], Codes(check));
        Assert.Equal(0, check.Score);
    }

    [Fact]
    public void Passwords_are_never_truncated()
    {
        var long250 = new string('k', 100) + "Zebra Ônibus Pipoca " + new string('m', 130);

        Assert.Equal(long250, PasswordPolicy.Normalize(long250));
        Assert.Equal(250, Policy.Check(long250, PasswordOnly).Length);
    }

    // ---- Unicode normalisation (NFKC) --------------------------------------------------------------------------------

    [Theory]
    [InlineData("ｐａｓｓｗｏｒｄ", "password")]        // full-width letters
    [InlineData("ﬁnanças", "finanças")]                // ligature
    [InlineData("caf\u0065\u0301", "café")]            // combining accent composed
    [InlineData("senha\u00A0forte", "senha forte")]    // no-break space becomes a space
    [InlineData("①②③", "123")]                        // circled digits
    [InlineData("Ⅻ", "XII")]                           // roman numeral
    [InlineData("  Case Kept  ", "  Case Kept  ")]     // no trimming, no case change
    public void Normalize_is_NFKC_and_nothing_else(string typed, string normalized)
    {
        Assert.Equal(normalized, PasswordPolicy.Normalize(typed));
    }

    [Fact]
    public void A_full_width_copy_of_a_listed_password_is_refused_like_the_original()
    {
        var fullWidth = "１ｑａｚ２ｗｓｘ３ｅｄｃ４ｒｆｖ";

        Assert.Equal([PasswordFailureCodes.Breached], Codes(Policy.Check(fullWidth, PasswordOnly)));
    }

    [Fact]
    public void A_lone_surrogate_is_refused_and_Normalize_replaces_it_instead_of_throwing()
    {
        var broken = "vK7#qe9!Lm2@xZp\uD800";

        Assert.Equal("vK7#qe9!Lm2@xZp\uFFFD", PasswordPolicy.Normalize(broken));
        Assert.Contains(PasswordFailureCodes.InvalidUnicode, Codes(Policy.Check(broken, PasswordOnly)));
    }

    [Fact]
    public void U_FFFE_which_the_normaliser_refuses_is_replaced_instead_of_throwing()
    {
        // .NET on Linux normalises with ICU and throws ArgumentException for U+FFFE (a 500 in the fuzzing run).
        Assert.Throws<ArgumentException>(() => "vK7#qe9!Lm2@xZp\uFFFE".Normalize(NormalizationForm.FormKC));

        Assert.Equal("vK7#qe9!Lm2@xZp\uFFFD", PasswordPolicy.Normalize("vK7#qe9!Lm2@xZp\uFFFE"));
        Assert.Equal("vK7#qe9!Lm2@xZp\uFFFF", PasswordPolicy.Normalize("vK7#qe9!Lm2@xZp\uFFFF")); // kept: it normalises to itself
    }

    [Theory]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    [InlineData(0xFDD0)]
    [InlineData(0xFDEF)]
    [InlineData(0x1FFFE)]
    [InlineData(0x10FFFF)]
    public void A_noncharacter_is_refused_as_invalid_unicode_in_the_password_and_harmless_in_the_context(int codePoint)
    {
        var noncharacter = char.ConvertFromUtf32(codePoint);

        var check = Policy.Check($"vK7#qe9!Lm2@{noncharacter}xZp", PasswordOnly);
        Assert.Contains(PasswordFailureCodes.InvalidUnicode, Codes(check));

        var context = PasswordOnly with { TenantName = $"Padaria {noncharacter}", DisplayName = $"Maria{noncharacter}" };
        Assert.True(Policy.Check("vK7#qe9!Lm2@xZp-roda", context).IsAcceptable);
    }

    [Theory]
    [InlineData(0xFFFD)]
    [InlineData(0xFDCF)]
    [InlineData(0xFDF0)]
    [InlineData(0x1FFFD)]
    public void Characters_next_to_the_noncharacters_are_allowed(int codePoint)
    {
        Assert.DoesNotContain(PasswordFailureCodes.InvalidUnicode, Codes(Policy.Check($"vK7#qe9!Lm2@{char.ConvertFromUtf32(codePoint)}xZp", PasswordOnly)));
    }

    // ---- Common / breached passwords -------------------------------------------------------------------------------

    [Fact]
    public void The_global_list_is_zxcvbns_30000_common_passwords_and_the_ptBR_list_has_over_50000_words()
    {
        Assert.Equal(30_000, PasswordBlocklists.Global.Entries.Count);
        Assert.True(PasswordBlocklists.PtBr.Entries.Count > 50_000, $"{PasswordBlocklists.PtBr.Entries.Count} pt-BR entries");
        Assert.Equal("123456", PasswordBlocklists.Global.Entries[0]);
        Assert.All(PasswordBlocklists.Global.Entries.Concat(PasswordBlocklists.PtBr.Entries), e =>
        {
            Assert.Equal(e, e.Trim());
            Assert.Equal(PasswordPolicy.Normalize(e).ToLowerInvariant(), e);
        });
    }

    [Theory]
    [InlineData("1qaz2wsx3edc4rfv")]     // keyboard walk, 16 code points
    [InlineData("1QAZ2WSX3EDC4RFV")]     // case does not matter
    [InlineData("qwertyuiop12345")]
    [InlineData("passwordstandard")]
    public void A_password_on_the_global_list_is_refused_whatever_its_length(string password)
    {
        Assert.True(PasswordBlocklists.Global.Contains(password.ToLowerInvariant()));

        Assert.Equal([PasswordFailureCodes.Breached], Codes(Policy.Check(password, PasswordOnly)));
    }

    [Fact]
    public void A_common_password_is_refused_with_MFA_too()
    {
        Assert.Equal([PasswordFailureCodes.Breached], Codes(Policy.Check("iloveyou", WithMfa)));
        Assert.Equal([PasswordFailureCodes.Breached], Codes(Policy.Check("password", WithMfa)));
    }

    [Theory]
    [InlineData("Responsabilidade", false)]  // 16 code points: long enough without MFA
    [InlineData("desenvolvimento", false)]
    [InlineData("Corinthians", true)]        // 11: long enough with MFA
    [InlineData("maravilhoso", true)]
    [InlineData("Extraordinario", true)]     // listed as "extraordinário": accents are ignored
    public void A_Portuguese_word_from_the_ptBR_list_is_refused(string password, bool mfa)
    {
        Assert.True(PasswordBlocklists.PtBr.Contains(PasswordPolicy.Normalize(password).ToLowerInvariant()));
        Assert.False(PasswordBlocklists.Global.Contains(PasswordPolicy.Normalize(password).ToLowerInvariant()));

        var check = Policy.Check(password, mfa ? WithMfa : PasswordOnly);

        Assert.Equal([PasswordFailureCodes.Breached], Codes(check));
    }

    [Theory]
    [InlineData("senha123456789!!")]  // pt-BR "senha" + digits + symbols
    [InlineData("password1234567")]   // global "password" + digits
    [InlineData("Flamengo2024!!!!")]  // pt-BR "flamengo" + year + symbols
    [InlineData("!!Flamengo2024!!")]  // symbols on both ends
    public void A_listed_word_padded_with_digits_or_symbols_is_refused_when_weak(string password)
    {
        var check = Policy.Check(password, PasswordOnly);

        Assert.Equal([PasswordFailureCodes.BreachedVariant], Codes(check));
    }

    [Fact]
    public void A_listed_word_padded_with_enough_random_symbols_is_accepted_because_it_is_no_longer_weak()
    {
        var check = Policy.Check("flamengo#7$1!9@4%8&2", PasswordOnly);

        Assert.True(check.IsAcceptable, string.Join(", ", Codes(check)));
        Assert.True(check.Score >= 3);
    }

    [Fact]
    public void Listed_words_inside_a_passphrase_are_fine()
    {
        Assert.True(Policy.Check("vaca amarela pulou a janela", PasswordOnly).IsAcceptable);
        Assert.True(Policy.Check("senha de verdade: cavalo bateria grampo", PasswordOnly).IsAcceptable);
    }

    // ---- Context words ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("padaria sao joao e bolo de fubá")]   // tenant name, accents ignored
    [InlineData("PADARIA SÃO JOÃO 1987 bolo")]         // tenant name, case ignored
    [InlineData("minha acme-ltda favorita")]           // tenant slug
    [InlineData("minha acmeltda favorita")]            // tenant slug without its punctuation
    [InlineData("meu email joao.silva@acme.com.br")]   // full e-mail address
    [InlineData("JOAO.SILVA tem uma senha")]            // e-mail local part
    [InlineData("silva e souza para sempre")]           // a word of the local part
    [InlineData("conceicao na janela azul")]            // the person's name
    [InlineData("PocTracker é demais 2025!")]           // the service's name
    public void A_password_containing_a_context_word_is_refused(string password)
    {
        Assert.Equal([PasswordFailureCodes.ContainsContext], Codes(Policy.Check(password, PasswordOnly)));
    }

    [Fact]
    public void Context_values_shorter_than_3_code_points_are_ignored()
    {
        var context = new PasswordContext(false, "AB", "ab", "ab@x.io", "Jo");

        var check = Policy.Check("abacate jovem na praia", context);

        Assert.True(check.IsAcceptable, string.Join(", ", Codes(check)));
    }

    [Fact]
    public void A_missing_display_name_is_fine()
    {
        var context = PasswordOnly with { DisplayName = null };

        Assert.True(Policy.Check("vaca amarela pulou a janela", context).IsAcceptable);
    }

    // ---- Repetitive and sequential -----------------------------------------------------------------------------------

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("abcabcabcabcabcabc")]
    [InlineData("1234567890123456")]
    [InlineData("zyxwvutsrqponmlk")]
    [InlineData("98765432109876543210")]
    public void A_password_that_is_only_a_repetition_or_a_sequence_is_refused(string password)
    {
        Assert.Contains(PasswordFailureCodes.Repetitive, Codes(Policy.Check(password, PasswordOnly)));
    }

    // ---- Acceptable passwords and no composition rules --------------------------------------------------------------

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("vaca amarela pulou a janela")]
    [InlineData("ventilador sobre o rio doce")]
    [InlineData("todas as letras minusculas sem nada")] // no digits, symbols or capitals needed
    [InlineData("Gx8q-Vm2r-Tz5w-Hp9k")]
    public void A_strong_passphrase_is_accepted_and_rated_strong(string password)
    {
        var check = Policy.Check(password, PasswordOnly);

        Assert.True(check.IsAcceptable, string.Join(", ", Codes(check)));
        Assert.Empty(check.Failures);
        Assert.True(check.Score >= 3, $"score {check.Score}");
        Assert.Null(check.Warning);
    }

    // ---- Strength feedback -------------------------------------------------------------------------------------------

    [Fact]
    public void The_strength_score_increases_from_weak_to_strong()
    {
        string[] weakToStrong =
        [
            "qwertyuiopasdfgh",            // keyboard rows
            "minhasenhasecreta",           // three common pt-BR words
            "EuAmoMinhaFamilia",
            "gatinho feliz 2019",
            "correct horse battery staple",
        ];

        var scores = weakToStrong.Select(p => Policy.Check(p, PasswordOnly).Score).ToArray();

        Assert.Equal([0, 1, 2, 3, 4], scores);
    }

    [Fact]
    public void A_weak_but_acceptable_password_gets_a_warning_and_suggestions_in_both_languages()
    {
        var check = Policy.Check("qwertyuiopasdfgh", PasswordOnly);

        Assert.True(check.IsAcceptable);
        Assert.Equal(0, check.Score);
        Assert.NotNull(check.Warning);
        Assert.NotEmpty(check.Suggestions);
        Assert.All(check.Suggestions.Append(check.Warning), h =>
        {
            Assert.False(string.IsNullOrWhiteSpace(h.TextEn));
            Assert.False(string.IsNullOrWhiteSpace(h.TextPtBr));
            Assert.NotEqual(h.TextEn, h.TextPtBr);
        });
    }

    [Fact]
    public void A_refused_password_never_scores_above_1()
    {
        // Strong by zxcvbn, but contains the tenant's slug.
        var check = Policy.Check("Gx8q-acme-ltda-Hp9k", PasswordOnly);

        Assert.False(check.IsAcceptable);
        Assert.True(check.Score <= 1);
    }

    [Fact]
    public void Each_failure_comes_with_a_suggestion_first()
    {
        var check = Policy.Check("password", PasswordOnly);

        Assert.Equal([PasswordFailureCodes.TooShort, PasswordFailureCodes.Breached], Codes(check));
        Assert.Equal(["use-a-passphrase", "avoid-common"], check.Suggestions.Take(2).Select(s => s.Code));
    }

    // ---- Messages ----------------------------------------------------------------------------------------------------

    // Built in code, not passed as theory data: a lone surrogate would not survive the test runner's serialisation.
    private static (string Password, PasswordContext Context) ExampleOf(string code) => code switch
    {
        PasswordFailureCodes.TooShort => ("vK7#qe9!Lm2", PasswordOnly),
        PasswordFailureCodes.TooLong => (new string('q', 200) + new string('w', 57), PasswordOnly),
        PasswordFailureCodes.InvalidUnicode => ("vK7#qe9!Lm2@xZp\uDC00", PasswordOnly),
        PasswordFailureCodes.Breached => ("1qaz2wsx3edc4rfv", PasswordOnly),
        PasswordFailureCodes.BreachedVariant => ("senha123456789!!", PasswordOnly),
        PasswordFailureCodes.ContainsContext => ("minha acme-ltda favorita", PasswordOnly),
        PasswordFailureCodes.Repetitive => ("abcabcabcabcabcabc", PasswordOnly),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Add an example for this failure code."),
    };

    public static TheoryData<string> FailureCodes => new(typeof(PasswordFailureCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!));

    [Theory]
    [MemberData(nameof(FailureCodes))]
    public void Every_failure_has_a_message_in_English_and_Brazilian_Portuguese(string code)
    {
        var (password, context) = ExampleOf(code);
        var check = Policy.Check(password, context);
        var failure = Assert.Single(check.Failures, f => f.Code == code);

        Assert.False(string.IsNullOrWhiteSpace(failure.MessageEn));
        Assert.False(string.IsNullOrWhiteSpace(failure.MessagePtBr));
        Assert.NotEqual(failure.MessageEn, failure.MessagePtBr);
        Assert.Equal(failure.MessagePtBr, failure.Message(PtBr));
        Assert.Equal(failure.MessagePtBr, failure.Message(CultureInfo.GetCultureInfo("pt-PT")));
        Assert.Equal(failure.MessageEn, failure.Message(EnUs));
        Assert.Equal(failure.MessageEn, failure.Message(CultureInfo.InvariantCulture));
        Assert.All(check.Suggestions, h =>
        {
            Assert.False(string.IsNullOrWhiteSpace(h.TextEn));
            Assert.False(string.IsNullOrWhiteSpace(h.TextPtBr));
            Assert.Equal(h.TextPtBr, h.Text(PtBr));
            Assert.Equal(h.TextEn, h.Text(EnUs));
        });
    }

    [Fact]
    public void Too_short_with_MFA_has_its_own_message_too()
    {
        var failure = Policy.Check("vK7#qe9", WithMfa).Failures.Single();

        Assert.Equal(PasswordFailureCodes.TooShort, failure.Code);
        Assert.NotEqual(failure.MessageEn, failure.MessagePtBr);
    }

    [Fact]
    public void The_too_short_message_states_the_minimum_that_applies()
    {
        var withoutMfa = Policy.Check("vK7#q", PasswordOnly).Failures.Single();
        var withMfa = Policy.Check("vK7#q", WithMfa).Failures.Single();

        Assert.Contains("15", withoutMfa.MessageEn, StringComparison.Ordinal);
        Assert.Contains("15", withoutMfa.MessagePtBr, StringComparison.Ordinal);
        Assert.Contains("8", withMfa.MessageEn, StringComparison.Ordinal);
        Assert.Contains("8", withMfa.MessagePtBr, StringComparison.Ordinal);
    }

    // ---- Thread safety -----------------------------------------------------------------------------------------------

    [Fact]
    public void One_policy_instance_can_be_used_from_many_threads()
    {
        var policy = new PasswordPolicy();
        string[] passwords = ["1qaz2wsx3edc4rfv", "vaca amarela pulou a janela", "senha123456789!!", "Responsabilidade"];
        var expected = passwords.Select(p => string.Join(",", Codes(Policy.Check(p, PasswordOnly)))).ToArray();

        var results = new string[200];
        Parallel.For(0, results.Length, i =>
            results[i] = string.Join(",", Codes(policy.Check(passwords[i % passwords.Length], PasswordOnly))));

        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(expected[i % passwords.Length], results[i]));
    }
}
