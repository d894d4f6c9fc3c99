/* <unwind.h>'s types, layout and constants (printed for comparison with
   gcc's own header). */
#include <stddef.h>
#include <stdio.h>
#include <unwind.h>

int main(void) {
    printf("exception %zu %zu %zu %zu %zu %zu\n", sizeof(struct _Unwind_Exception),
           _Alignof(struct _Unwind_Exception),
           offsetof(struct _Unwind_Exception, exception_cleanup),
           offsetof(struct _Unwind_Exception, private_1),
           offsetof(struct _Unwind_Exception, private_2), sizeof(_Unwind_Exception_Class));
    printf("types %zu %zu %zu %d %d\n", sizeof(_Unwind_Word), sizeof(_Unwind_Sword),
           sizeof(_Unwind_Ptr), (_Unwind_Word)-1 > 0, (_Unwind_Sword)-1 < 0);
    printf("reasons %d %d %d %d %d %d %d %d %d\n", _URC_NO_REASON,
           _URC_FOREIGN_EXCEPTION_CAUGHT, _URC_FATAL_PHASE2_ERROR, _URC_FATAL_PHASE1_ERROR,
           _URC_NORMAL_STOP, _URC_END_OF_STACK, _URC_HANDLER_FOUND, _URC_INSTALL_CONTEXT,
           _URC_CONTINUE_UNWIND);
    printf("actions %d %d %d %d %d\n", _UA_SEARCH_PHASE, _UA_CLEANUP_PHASE,
           _UA_HANDLER_FRAME, _UA_FORCE_UNWIND, _UA_END_OF_STACK);
    _Unwind_Trace_Fn trace = 0;
    _Unwind_Stop_Fn stop = 0;
    _Unwind_Personality_Fn personality = 0;
    _Unwind_Exception_Cleanup_Fn cleanup = 0;
    printf("fns %d\n", !trace && !stop && !personality && !cleanup);
    return 0;
}
