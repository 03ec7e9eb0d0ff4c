package io.athenaworkflow.athena.start;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SqlPlaceholdersTest {

    @ParameterizedTest(name = "[{index}] {0} => {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
            "SELECT 1 => 0",
            "SELECT * FROM t WHERE a = ? => 1",
            "SELECT * FROM t WHERE a=?AND b=? => 2",
            "SELECT ?, ?, ? => 3",
            "SELECT '?' FROM t => 0",
            "SELECT 'it''s ?', ? FROM t => 1",
            "SELECT '''?''' , ? => 1",
            "SELECT \"col?\" FROM t WHERE x = ? => 1",
            "SELECT \"a\"\"?\" FROM t => 0",
            "SELECT `we?rd` FROM t WHERE x = ? => 1",
            "SELECT 1 -- is it ?\\nFROM t WHERE a = ? => 1",
            "SELECT 1 FROM t WHERE a = ? -- trailing ? comment => 1",
            "SELECT /* ? */ 1 FROM t WHERE a = ? /* ? ? */ => 1",
            "SELECT /* unterminated ? comment => 0",
            "SELECT 'unterminated ? string => 0",
            "SELECT '--', ? => 1",
            "SELECT '/*', ?, '*/' => 1",
            "SELECT 4 / ?, 5 - ? => 2",
            "SELECT 1 - => 0",
            "SELECT 1 / => 0",
            "SELECT \"?\" || '?' || ? => 1",
            "? => 1",
            "'' => 0",
    })
    void count_whenPlaceholdersAppearInCodeQuotesOrComments_countsOnlyThoseInCode(String sql, int expected) {
        assertThat(SqlPlaceholders.count(sql.replace("\\n", "\n"))).isEqualTo(expected);
    }
}
