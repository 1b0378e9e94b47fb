// The BSD editline library (libedit), the line editor of the stackq shell.
//
// el_set, el_get and history are C variadic functions, which Swift cannot call: each call the shell makes goes
// through one of the fixed-argument wrappers below.
#include <stdio.h>
#include <histedit.h>
#include <sys/ioctl.h>

typedef char *(*stackq_prompt_function)(EditLine *);
typedef unsigned char (*stackq_editor_function)(EditLine *, int);
typedef int (*stackq_read_function)(EditLine *, wchar_t *);

/// An editor reading the standard input and writing to the standard error (standard output stays for results).
static inline EditLine *stackq_el_init(const char *program) {
    return el_init(program, stdin, stderr, stderr);
}

static inline int stackq_el_set_prompt(EditLine *el, stackq_prompt_function function) {
    return el_set(el, EL_PROMPT, function);
}

static inline int stackq_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int stackq_el_set_signal(EditLine *el, int handle) {
    return el_set(el, EL_SIGNAL, handle);
}

static inline int stackq_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}

static inline int stackq_el_add_function(EditLine *el, const char *name, const char *help,
                                         stackq_editor_function function) {
    return el_set(el, EL_ADDFN, name, help, function);
}

static inline int stackq_el_set_history(EditLine *el, History *history_value) {
    return el_set(el, EL_HIST, history, history_value);
}

static inline int stackq_el_set_read_function(EditLine *el, stackq_read_function function) {
    return el_set(el, EL_GETCFN, function);
}

/// Puts the terminal back in the editor's mode and redraws the line (after the shell was suspended and resumed).
static inline void stackq_el_resume(EditLine *el) {
    // libedit skips the switch to its mode when it believes it is in it already: leave it first.
    el_set(el, EL_PREP_TERM, 0);
    el_set(el, EL_PREP_TERM, 1);
    el_set(el, EL_REFRESH);
}

/// Keeps the terminal's NOFLSH mode on while the editor reads and while a statement runs (libedit clears it in
/// both its edit and its execute modes by default), so that the kernel does not empty the output queue on Ctrl-C
/// after the shell has already answered it (the new prompt, or the `cancelled` line).
static inline int stackq_el_keep_noflsh(EditLine *el) {
    int edit = el_set(el, EL_SETTY, "-d", "+noflsh", NULL);
    int execute = el_set(el, EL_SETTY, "-x", "+noflsh", NULL);
    return edit == 0 && execute == 0 ? 0 : -1;
}

static inline int stackq_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *stackq_el_client_data(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

static inline int stackq_history_set_size(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

static inline int stackq_history_set_unique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}

static inline int stackq_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

/// The rows and columns of the terminal on `fd`; 0 when it is not a terminal.
static inline int stackq_terminal_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) { *rows = 0; *columns = 0; return -1; }
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}
