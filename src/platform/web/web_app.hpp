// web_app.hpp — the page's one App, for the pl_* export files of the web platform.
//
// Depends on: ui/app.hpp (pl_app() is defined in web_main.cpp, pl_action_code in
// input_exports.cpp).
#pragma once
#include "ui/app.hpp"

// Null until pl_init() succeeded.
passerelle::ui::App* pl_app();

// True once pl_init_gl() made the context and the renderer's GL objects: nothing may upload
// or draw before.
bool pl_gl_ready();

// An Action as the JS side reads it: an abi::ActionCode (pl_abi.hpp).  Keeps the address of
// open_url and open_page for pl_pending_url().
int pl_action_code(const passerelle::ui::Action& a);
