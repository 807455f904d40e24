// web_app.hpp — the page's one App, for the pl_* export files of the web platform.
//
// Depends on: ui/app.hpp.
#pragma once
#include "ui/app.hpp"

// Null until pl_init() succeeded.
passerelle::ui::App* pl_app();

// An Action as the JS side reads it: 0 nothing, 1 handled in the page, 2 open pl_pending_url()
// in a new tab (at once, within the gesture), 3 go to pl_pending_url() in this tab (the page
// in another language).  Keeps the address for pl_pending_url().
int pl_action_code(const passerelle::ui::Action& a);
