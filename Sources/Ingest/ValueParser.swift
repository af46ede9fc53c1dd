/// Parses the value forms real exports use (SPEC §2.1). Pure functions on text;
/// no zone knowledge here: a timestamp without an offset is returned as local time.
package enum ValueParser {
}
