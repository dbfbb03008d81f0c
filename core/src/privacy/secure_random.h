// Random bytes from the platform's secure source: the kernel (getrandom) natively,
// crypto.getRandomValues in the browser — Emscripten implements getentropy() with it,
// so one call covers both and core needs no #ifdef.
#pragma once

#include <cstddef>

namespace gapscore::privacy {

bool secure_random_bytes(void* buffer, std::size_t size);

}  // namespace gapscore::privacy
