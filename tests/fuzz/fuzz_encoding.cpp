// libFuzzer target: encoding detection and decoding of legacy text (DBF, CSV bytes). Detection
// must accept any bytes, and decoding must give valid UTF-8 whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/io/encoding.hpp"
#include "core/model/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const ca::io::EncodingChoice choice = ca::io::detect_encoding(bytes);
    ca::io::TextDecoder decoder(choice);
    bool replaced = false;
    const std::string text = decoder.decode(bytes, &replaced);
    if (!ca::model::is_valid_utf8(text)) std::abort();  // every decoded string is UTF-8
    (void)decoder.description();
    return 0;
}
