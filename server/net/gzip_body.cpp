#include "net/gzip_body.hpp"

#include <zlib.h>

#include <stdexcept>

namespace veche::net {

std::string gzip_compress(std::string_view bytes) {
    z_stream z{};
    // 15 + 16: a 32 KiB window with a gzip header and trailer.
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::bad_alloc();
    std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    // deflateBound leaves room for everything: anything but the end is a bug in the bound.
    if (result != Z_STREAM_END) throw std::logic_error("gzip: output buffer too small");
    return out;
}

}  // namespace veche::net
