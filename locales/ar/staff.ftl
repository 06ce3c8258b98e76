# نصوص صفحات الفريق (تسجيل الدخول وصفحات مديري نجاح العملاء).

## الإطار والتنقل

staff-nav-label = قائمة الفريق
staff-nav-dashboard = جلساتي
staff-nav-new-webinar = ندوة جديدة
staff-nav-marketing = المشاركون والتقارير
staff-nav-admin = الإدارة
staff-sign-out = تسجيل الخروج
staff-signed-in-as = تم تسجيل الدخول باسم { $name }

## تسجيل الدخول

staff-login-title = تسجيل الدخول
staff-login-intro = مخصص لفرق نجاح العملاء والتسويق والإدارة. لا يحتاج العملاء إلى حساب: يكفيهم الرابط الوارد في رسالتهم الإلكترونية.
staff-login-email = عنوان البريد الإلكتروني
staff-login-password = كلمة المرور
staff-login-submit = تسجيل الدخول
staff-login-signed-out = تم تسجيل خروجك.
staff-login-error-wrong = عنوان البريد الإلكتروني أو كلمة المرور غير صحيح.
staff-login-error-locked =
    { $minutes ->
        [one] محاولات فاشلة كثيرة. يُرجى المحاولة مرة أخرى بعد دقيقة.
        [two] محاولات فاشلة كثيرة. يُرجى المحاولة مرة أخرى بعد دقيقتين.
        [few] محاولات فاشلة كثيرة. يُرجى المحاولة مرة أخرى بعد { $minutes } دقائق.
       *[other] محاولات فاشلة كثيرة. يُرجى المحاولة مرة أخرى بعد { $minutes } دقيقة.
    }
staff-login-error-expired = انتهت صلاحية نموذج تسجيل الدخول. يُرجى إدخال كلمة المرور مرة أخرى.

## الأخطاء

staff-error-forbidden-title = غير متاح لدورك
staff-error-forbidden-text = لقد سجّلت الدخول، لكن دورك لا يتيح الوصول إلى هذه الصفحة.
staff-error-csrf-title = لم يُقبل النموذج
staff-error-csrf-text = لم يُرسَل هذا النموذج من صفحة حالية في جلستك، لذلك لم يُغيَّر شيء. يُرجى الرجوع وإعادة تحميل الصفحة ثم المحاولة مرة أخرى.

## لوحة المتابعة

staff-zone-note = تُعرض الأوقات بحسب منطقتك الزمنية ({ $zone }).
staff-dashboard-title = جلساتي القادمة
staff-dashboard-webinars = الندوات التي أقدّمها
staff-dashboard-no-webinars = ليست لديك ندوات قادمة.
staff-dashboard-appointments = مواعيدي في الساعات المكتبية
staff-dashboard-no-appointments = ليست لديك مواعيد قادمة.
staff-link-registrants = المسجّلون
staff-link-edit = تعديل
staff-link-appointments = مواعيدي
staff-seats-of = { $taken } من { $capacity } مقعدًا محجوزًا
staff-seats-registered =
    { $count ->
        [one] تسجيل واحد
        [two] تسجيلان
        [few] { $count } تسجيلات
       *[other] { $count } تسجيلًا
    }
